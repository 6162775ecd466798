model { delegate.layers.clear() }
