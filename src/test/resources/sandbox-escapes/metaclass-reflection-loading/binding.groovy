binding.setVariable('x', 1)
