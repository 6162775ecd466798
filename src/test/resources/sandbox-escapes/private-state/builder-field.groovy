train { def v = delegate.epochsValue }
