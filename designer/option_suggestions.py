"""Suggested values for a parameter of the design on screen.

:class:`OptionAdvisor` fits :class:`recommender.options.OptionSuggester` on
past designs of one catalog model. It ranks only the values that the rule
engine still offers for the parameter given the session's current choices,
so every suggested value can be completed to a valid product. Past designs
weigh more when they share the customer's unusual choices.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from designer.catalog import CatalogModel
from designer.session import DesignSession
from recommender.options import DEFAULT_BETA, OptionSuggester
from rules.errors import DesignValueError

logger = logging.getLogger(__name__)

# Code of a past value that is missing or that the parameter no longer
# accepts, for example after the catalog dropped a choice. It matches no
# offered value.
UNKNOWN = -1


@dataclass(frozen=True)
class ValueSuggestion:
    """A value the rules offer for a parameter, with its vote share from 0 to 1."""

    value: Any
    score: float


class OptionAdvisor:
    """Option-value suggestions for one catalog model, fitted on its past designs.

    Parameters
    ----------
    model
        The catalog model the designs belong to.
    past_designs
        Values of earlier designs of ``model``, such as ordered ones, each a
        mapping of parameter name to value. Text parameters are ignored, and
        a missing parameter or a value outside its domain matches nothing.
    beta
        Sharpness of the preference for designs that agree with the current
        choices, as in :class:`~recommender.options.OptionSuggester`.
    """

    def __init__(
        self,
        model: CatalogModel,
        past_designs: Iterable[Mapping[str, Any]],
        beta: float = DEFAULT_BETA,
    ) -> None:
        engine = model.engine
        self.model = model
        self.names = [parameter.name for parameter in engine.variables]
        self._parameters = {p.name: p for p in engine.variables}
        self._domains = {
            name: tuple(values)
            for name, values in zip(self.names, engine.values, strict=True)
        }
        self._codes = {
            name: {value: code for code, value in enumerate(values)}
            for name, values in self._domains.items()
        }
        rows = [
            [self._encode(name, design.get(name)) for name in self.names]
            for design in past_designs
        ]
        configurations = np.array(rows, dtype=np.int64).reshape(
            len(rows), len(self.names)
        )
        self.suggester = OptionSuggester(beta).fit(self.names, configurations)
        logger.debug(
            "Fitted option suggestions for %s on %s past designs", model.id, len(rows)
        )

    def suggest(self, session: DesignSession, name: str) -> list[ValueSuggestion]:
        """Rank the values that the rules offer for ``name`` in ``session``.

        The offered values are those of :attr:`DesignSession.domains`: with
        every choice of the session except ``name`` itself fixed, each can
        still be completed to a valid design. Only the chosen parameters
        count as the customer's choices; values the studio set do not.

        Returns
        -------
        list[ValueSuggestion]
            Every offered value once, best first, with scores summing to 1
            unless no past design has any of them (then all 0, in the
            domain's order).

        Raises
        ------
        KeyError
            If ``name`` is not a finite parameter of the session's model.
        ValueError
            If the session is of another model.
        """
        if session.model.id != self.model.id:
            raise ValueError(
                f"Invalid session of model {session.model.id!r}: this advisor "
                f"is fitted on designs of {self.model.id!r}, so create an "
                f"OptionAdvisor for {session.model.id!r}"
            )
        if name not in self._codes:
            raise KeyError(
                f"Parameter {name!r} not found among the finite parameters of "
                f"{self.model.id!r}: {', '.join(self.names)}"
            )
        offered = session.domains.offered[name]
        choices = {
            chosen: self._encode(chosen, session.values[chosen])
            for chosen in session.chosen
            if chosen in self._codes and chosen != name
        }
        codes = [self._codes[name][value] for value in offered]
        ranked = self.suggester.suggest(choices, name, codes)
        values = self._domains[name]
        return [ValueSuggestion(values[score.value], score.score) for score in ranked]

    def _encode(self, name: str, value: Any) -> int:
        """Return the position of ``value`` in the parameter's domain."""
        try:
            canonical = self._parameters[name].coerce(value)
        except DesignValueError:
            return UNKNOWN
        return self._codes[name].get(canonical, UNKNOWN)
