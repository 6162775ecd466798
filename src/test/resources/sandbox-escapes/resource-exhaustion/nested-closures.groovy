10000.times { 10000.times { 10000.times { } } }
