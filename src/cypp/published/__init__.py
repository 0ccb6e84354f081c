"""Published aggregate statistics (DfE, LAIT, NCCIS, ONS) in one canonical long table.

Used to benchmark a council against England, its region and its statistical neighbours, and
to run a plan of today's successor measures on real data for every council in England.
"""

from cypp.published.areas import Area, AreaRegistry, load_areas, resolve_area
from cypp.published.csc import CSC_SPECS, read_csc
from cypp.published.errors import NeighbourError, PublishedFileError, UnknownAreaError
from cypp.published.lait import read_lait, read_lait_dictionary
from cypp.published.nccis import read_nccis
from cypp.published.neighbours import Neighbour, neighbours, read_neighbour_model
from cypp.published.ons import read_ons_population, under18_conceptions
from cypp.published.schema import PUBLISHED_SCHEMA
from cypp.published.tidy import Indicator, TidySpec, read_dfe_tidy
from cypp.published.vendored import load_published

__all__ = [
    "CSC_SPECS",
    "PUBLISHED_SCHEMA",
    "Area",
    "AreaRegistry",
    "Indicator",
    "Neighbour",
    "NeighbourError",
    "PublishedFileError",
    "TidySpec",
    "UnknownAreaError",
    "load_areas",
    "load_published",
    "neighbours",
    "read_csc",
    "read_dfe_tidy",
    "read_lait",
    "read_lait_dictionary",
    "read_nccis",
    "read_neighbour_model",
    "read_ons_population",
    "resolve_area",
    "under18_conceptions",
]
