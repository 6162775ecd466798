"""Writes src/main/resources/mnistlab/engine/optim/fused_adam.pt, the TorchScript module through
which mnistlab.engine.optim.FusedAdam reaches libtorch's fused Adam and AdamW kernels
(aten::_fused_adam_, aten::_fused_adamw_: one pass over each parameter instead of DJL's dozen).
DJL's JNI exposes no such operator, but it runs TorchScript methods, and a TorchScript archive is
source code that libtorch compiles when it loads it (format version 3, read by libtorch 2.7).

    python3 -m venv V && V/bin/pip install --retries 0 --timeout 2 torch==2.13.0+cpu
    V/bin/python build/torchscript/fused_adam.py
"""
from pathlib import Path
from typing import List, Optional

import torch

OUT = Path(__file__).resolve().parents[2] / 'src/main/resources/mnistlab/engine/optim/fused_adam.pt'


class FusedAdam(torch.nn.Module):
    @torch.jit.export
    def adam(self, weights: List[torch.Tensor], grads: List[torch.Tensor], means: List[torch.Tensor],
             variances: List[torch.Tensor], steps: List[torch.Tensor], lr: float, beta1: float, beta2: float,
             eps: float, weight_decay: float, decoupled: bool) -> int:
        """One step of PyTorch's Adam (AdamW when decoupled) on the parameters; their step counters
        advance and their gradients are cleared, as libtorch accumulates gradients. The lists come
        from the caller: TorchScript drops a mutating call on a list built inside the method."""
        self.step(weights, grads, means, variances, steps, lr, beta1, beta2, eps, weight_decay, decoupled)
        with torch.no_grad():
            torch._foreach_zero_(grads)
        return 0

    @torch.jit.export
    def backward_adam(self, loss: torch.Tensor, weights: List[torch.Tensor], means: List[torch.Tensor],
                      variances: List[torch.Tensor], steps: List[torch.Tensor], lr: float, beta1: float,
                      beta2: float, eps: float, weight_decay: float, decoupled: bool) -> int:
        """The loss's gradients and one Adam step on the parameters, without touching their .grad:
        torch.autograd.grad hands back fresh gradients, as PyTorch's zero_grad(set_to_none=True)
        leaves each step, where backward() would add into the zeroed .grad (a fill and an add over
        every parameter a step). A parameter the loss does not reach gets a zero gradient."""
        seed: List[Optional[torch.Tensor]] = [torch.ones_like(loss)]
        found = torch.autograd.grad([loss], weights, seed, allow_unused=True)
        grads: List[torch.Tensor] = []
        for i in range(len(weights)):
            grad = found[i]
            if grad is None:
                grads.append(torch.zeros_like(weights[i]))
            elif grad.stride() != weights[i].stride():
                grads.append(torch.empty_like(weights[i]).copy_(grad))
            else:
                grads.append(grad)
        self.step(weights, grads, means, variances, steps, lr, beta1, beta2, eps, weight_decay, decoupled)
        return 0

    def step(self, weights: List[torch.Tensor], grads: List[torch.Tensor], means: List[torch.Tensor],
             variances: List[torch.Tensor], steps: List[torch.Tensor], lr: float, beta1: float, beta2: float,
             eps: float, weight_decay: float, decoupled: bool):
        """libtorch's fused kernel over all the parameters; their step counters advance first."""
        with torch.no_grad():
            torch._foreach_add_(steps, 1)
            if decoupled:
                torch._fused_adamw_(weights, grads, means, variances, [], steps, lr=lr, beta1=beta1,
                                    beta2=beta2, weight_decay=weight_decay, eps=eps, amsgrad=False,
                                    maximize=False)
            else:
                torch._fused_adam_(weights, grads, means, variances, [], steps, lr=lr, beta1=beta1,
                                   beta2=beta2, weight_decay=weight_decay, eps=eps, amsgrad=False,
                                   maximize=False)

    def forward(self) -> int:
        return 0


if __name__ == '__main__':
    OUT.parent.mkdir(parents=True, exist_ok=True)
    torch.jit.script(FusedAdam()).save(str(OUT))
    print(f'wrote {OUT}')
