def s = 'x'
s.@value
