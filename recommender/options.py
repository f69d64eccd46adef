"""Suggested values for an option of the product on screen.

:class:`OptionSuggester` learns from past configurations of one product
model, each a value per variable. For the customer's choices so far and a
variable still open, each past configuration ``c`` votes for its value of
that variable with the weight

    w(c) = count(c) * exp(beta * (agree(c) - max agree)) * customer(c)

where ``agree(c)`` sums, over the chosen variables on which ``c`` has the
chosen value, the rarity ``ln(N / N_value)`` of that value among the ``N``
past configurations. Configurations of customers who made the same unusual
choices therefore weigh most. ``beta`` sets how sharply: 0 is plain
popularity, and a large ``beta`` keeps only the closest configurations.
``customer(c)`` is an optional similarity of the customer with the one who
made ``c``, for example from :meth:`recommender.cf.KNN.similarities`; it is
1 when not given.

Votes count only for the valid values that the caller passes, typically the
values the rule engine still allows. A value nobody chose scores 0, and
equal scores keep the order of the valid values given.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

logger = logging.getLogger(__name__)

DEFAULT_BETA = 2.0


@dataclass(frozen=True)
class OptionScore:
    """A valid value with its vote share, from 0 to 1."""

    value: int
    score: float


class OptionSuggester:
    """Votes of past configurations for the values of an open variable.

    Parameters
    ----------
    beta
        Sharpness of the preference for configurations that agree with the
        choices so far; 0 or more.
    """

    def __init__(self, beta: float = DEFAULT_BETA) -> None:
        if not beta >= 0:
            raise ValueError(f"Invalid beta={beta!r}: it must be 0 or more")
        self.beta = beta

    def fit(
        self,
        variables: Sequence[str],
        configurations: np.ndarray,
        owners: Sequence[str] | None = None,
    ) -> OptionSuggester:
        """Store past configurations, merging identical ones.

        Parameters
        ----------
        variables
            Variable names, one per column.
        configurations
            Integer array (configurations, variables) of chosen values.
        owners
            The customer id of each configuration, to weigh configurations
            by customer similarity later. Identical configurations of
            different customers are then kept apart.

        Raises
        ------
        ValueError
            If the shapes disagree.
        """
        configurations = np.asarray(configurations, dtype=np.int64)
        if configurations.ndim != 2 or configurations.shape[1] != len(variables):
            raise ValueError(
                f"Invalid configurations of shape {configurations.shape}: expected "
                f"one column per variable, {len(variables)} columns"
            )
        self.variables = list(variables)
        self.column = {name: index for index, name in enumerate(self.variables)}
        if owners is None:
            distinct, counts = np.unique(configurations, axis=0, return_counts=True)
            self.configurations = distinct
            self.counts = counts.astype(float)
            self.owners: list[str] | None = None
        else:
            if len(owners) != len(configurations):
                raise ValueError(
                    f"Invalid owners: {len(owners)} ids for {len(configurations)} "
                    "configurations; pass one customer id per configuration"
                )
            self.configurations = configurations
            self.counts = np.ones(len(configurations))
            self.owners = list(owners)
        self._count_rarity()
        logger.debug(
            "Stored %s distinct configurations of %s variables",
            len(self.configurations),
            len(self.variables),
        )
        return self

    def suggest(
        self,
        choices: Mapping[str, int],
        variable: str,
        valid_values: Collection[int],
        customer_similarity: Mapping[str, float] | None = None,
    ) -> list[OptionScore]:
        """Rank ``valid_values`` of ``variable`` for the choices made so far.

        Parameters
        ----------
        choices
            Chosen value of each variable set so far; ``variable`` itself
            and unknown names are ignored.
        variable
            The open variable.
        valid_values
            Values the caller allows, in its preferred order for ties.
        customer_similarity
            Similarity in [0, 1] of the customer with each configuration's
            owner; owners left out count 0. Needs ``owners`` at fit time.

        Returns
        -------
        list[OptionScore]
            Every valid value once, best first, with scores summing to 1
            unless no past configuration chose any of them (then all 0).

        Raises
        ------
        KeyError
            If ``variable`` is not a fitted variable.
        """
        target = self.column[variable]
        chosen = [
            (self.column[name], value)
            for name, value in choices.items()
            if name in self.column and name != variable
        ]
        weights = self.counts * self._agreement_weights(chosen)
        if customer_similarity is not None:
            weights = weights * self._owner_factors(customer_similarity)
        return _ranked_values(self.configurations[:, target], weights, valid_values)

    def _agreement_weights(self, chosen: list[tuple[int, int]]) -> np.ndarray:
        if not chosen or len(self.configurations) == 0:
            return np.ones(len(self.configurations))
        columns = [column for column, _ in chosen]
        values = np.array([value for _, value in chosen])
        matches = self.configurations[:, columns] == values
        rarity = np.array([self._rarity[c].get(v, self._unseen) for c, v in chosen])
        agree = matches @ rarity
        return np.exp(self.beta * (agree - agree.max()))

    def _count_rarity(self) -> None:
        """Store ``ln(total / count)`` of every value of every variable."""
        total = self.counts.sum()
        self._unseen = float(np.log(max(total, 1.0)))
        self._rarity: list[dict[int, float]] = []
        for column in range(self.configurations.shape[1]):
            values = self.configurations[:, column]
            rarity = {}
            for value in np.unique(values).tolist():
                share = self.counts[values == value].sum()
                rarity[value] = float(np.log(total / share))
            self._rarity.append(rarity)

    def _owner_factors(self, similarity: Mapping[str, float]) -> np.ndarray:
        if self.owners is None:
            raise ValueError(
                "customer_similarity needs the owner of each configuration: "
                "pass owners to fit()"
            )
        return np.array([max(similarity.get(owner, 0.0), 0.0) for owner in self.owners])


def _ranked_values(
    column: np.ndarray, weights: np.ndarray, valid_values: Collection[int]
) -> list[OptionScore]:
    valid = np.array(list(dict.fromkeys(int(value) for value in valid_values)))
    if valid.size == 0:
        return []
    # Values start at -1 (not applicable), so shift them to bincount indexes.
    low = min(int(column.min(initial=0)), int(valid.min()))
    size = max(int(column.max(initial=0)), int(valid.max())) - low + 1
    votes = np.bincount(column - low, weights=weights, minlength=size)
    valid_votes = votes[valid - low]
    total = valid_votes.sum()
    shares = valid_votes / total if total > 0 else np.zeros(valid.size)
    order = np.lexsort((np.arange(valid.size), -shares))
    return [OptionScore(int(valid[i]), float(shares[i])) for i in order]
