'x'.invokeMethod('execute', null)
