"""Designs as an older catalog froze them, before the cabinet had handles."""

import hashlib
from dataclasses import replace

from designer.order_design import FrozenDesign

HANDLES_LINE = 'amount = "fronts * handle_price[handle]"\n'


def cabinet_before_handles(frozen: FrozenDesign) -> FrozenDesign:
    """Return a frozen cabinet as ordered before the catalog offered handles.

    Its catalog file has no ``handle`` parameter and no handles price line,
    and its values have no handle, as an order of that time stored them.
    """
    source = frozen.catalog_source
    parameter = source[source.index('[[parameters]]\nname = "handle"') :]
    parameter = parameter[: parameter.index("\n\n") + 2]
    line = source[: source.index(HANDLES_LINE)]
    line = line[line.rindex("[[price_lines]]") :] + HANDLES_LINE
    older_source = source.replace(parameter, "").replace(line, "")
    values = {name: value for name, value in frozen.values.items() if name != "handle"}
    return replace(
        frozen,
        values=values,
        catalog_source=older_source,
        catalog_sha256=hashlib.sha256(older_source.encode("utf-8")).hexdigest(),
    )
