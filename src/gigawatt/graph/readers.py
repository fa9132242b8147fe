"""Reader nodes: quantities read off a sub-model's result (a `*_spec` node).

Many quantities are one field of a sub-model's result (energy by source from the dispatch,
a milestone's percentile from the schedule, the NPV from the cash flows). Each is a node
like any other: a function whose one parameter is the sub-model (the graph wires by
parameter name) and whose docstring carries the summary, the formula `name = ...`, the
unit and the references that `explain` shows. `reader` makes such a function from those
parts instead of each domain writing the same twenty lines out again.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from typing import Any


def reader(
    name: str,
    spec: str,
    spec_type: str,
    get: Callable[[Any], Any],
    unit: str,
    summary: str,
    formula: str,
    *,
    returns: str = "",
    refs: str = "",
    kind: str = "numeric",
) -> Callable[..., Any]:
    """A node function `name(spec)` returning `get(spec)`, documented as a node.

    Parameters
    ----------
    name : str
        The quantity (the function's name).
    spec : str
        The sub-model's quantity name (the function's one parameter).
    spec_type : str
        Its result type, for the docstring.
    get : callable
        Reads the quantity from the sub-model's result.
    unit : str
        The quantity's unit, e.g. "MWh/yr".
    summary : str
        First paragraph of the docstring (lines after the first indented by 4 spaces).
    formula : str
        Right-hand side of `name = ...`.
    returns : str
        Words before the unit in the Returns section, e.g. "Since the construction start ".
    refs : str
        A numpydoc References section, if any (indented as in a function body).
    kind : str
        The returned type, for the docstring ("numeric", "float").

    Returns
    -------
    callable
        The node function.

    Examples
    --------
    >>> f = reader("x_mw", "a_spec", "dict", lambda s: s["x"], "MW", "X.", "a_spec['x']")
    >>> f(a_spec={"x": 2.0}), list(inspect.signature(f).parameters)
    (2.0, ['a_spec'])
    """

    def read(*args: Any, **kwargs: Any) -> Any:
        return get(args[0] if args else kwargs[spec])

    read.__name__ = read.__qualname__ = name
    read.__signature__ = inspect.Signature(  # type: ignore[attr-defined]
        [inspect.Parameter(spec, inspect.Parameter.POSITIONAL_OR_KEYWORD)]
    )
    read.__doc__ = f"""{summary}

    {name} = {formula}

    Parameters
    ----------
    {spec} : {spec_type}
        [spec].

    Returns
    -------
    {kind}
        {returns}[{unit}].
    {refs}"""
    return read
