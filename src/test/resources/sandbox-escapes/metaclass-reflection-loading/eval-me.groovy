Eval.me('1 + 1')
