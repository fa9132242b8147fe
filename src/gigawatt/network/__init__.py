"""Network domain: the scale-out fabric, its optics and cables, scale-up (NVLink) domains,
buildings joined by an inter-building link budget, and the storage system with its network.

Modules (each a few hundred lines of pure, vectorised functions):

- `fattree`: folded-Clos (fat-tree) tiers, switches and links per tier of one fabric.
- `fabric_totals`: over planes, rails and buildings: reach, switches, links, hops, bisection.
- `optics`: transceivers by type and cables by distance class, their power and cost.
- `scaleup`: NVLink domains of 8, 72 or 576 GPUs, switch trays, their power and cost.
- `buildings`: several halls/buildings, the campus tier between them.
- `storage`: checkpoint size, storage servers, the front-end (storage) network.
- `totals`: network power and capex as the plan sees them.
- `checks`: designs a technology cannot build, refused with what would work.
- `compare`: alternative designs evaluated side by side in one vectorised pass.
"""

from gigawatt.network.fattree import MAX_TIERS, TOPOLOGIES

__all__ = ["MAX_TIERS", "TOPOLOGIES"]
