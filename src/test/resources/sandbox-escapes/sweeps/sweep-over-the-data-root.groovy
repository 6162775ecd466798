// --set values are the host's choice, which the sandbox does not confine: a sweep must not smuggle a path in
sweep { grid 'dataset.root': ['OUT'] }
