invokeMethod('evaluate', '1')
