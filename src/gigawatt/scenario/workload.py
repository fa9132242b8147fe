"""`workload`: the model to train (the training-performance issue deepens this)."""

from __future__ import annotations

from typing import Literal

from gigawatt.scenario.base import Section
from gigawatt.scenario.fields import choice, num, param


class Workload(Section):
    """The training run the campus is planned for."""

    model: str = choice(
        "llama3-405b",
        description="Model preset (`gigawatt catalog model`).",
        source="Llama 3 405B, the largest dense run with published scale and failures "
        "(Grattafiori et al. 2024, arXiv 2407.21783)",
    )
    tokens: num(gt=0, le=1e17) = param(
        15.6e12,
        unit="tokens",
        description="Training tokens",
        source="Llama 3 405B was pre-trained on 15.6T tokens (arXiv 2407.21783 §3.1)",
        quantity="training_tokens",
    )
    precision: Literal["bf16", "fp8", "fp4"] = choice(
        "bf16",
        description="Matmul precision of training: bf16, fp8 or fp4.",
        source="Llama 3 405B trained in BF16 (arXiv 2407.21783 Table 4)",
    )
    mfu_frac: num(gt=0, le=1) = param(
        0.40,
        unit="1",
        description="Model FLOPs utilisation assumed by the simple 6·P·D time-to-train model",
        source="Llama 3 405B reached 38-43 % BF16 MFU on 8k-16k H100 (arXiv 2407.21783 "
        "Table 4; MFU values [M], TFLOP/s [V])",
    )
