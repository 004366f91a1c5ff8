"""skillmap: the data checker and site builder of the 培训信息导航图 (training navigation map)."""

__version__ = "0.1.0"
