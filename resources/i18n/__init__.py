"""Interface translations: ``tepat_<lang>.ts`` sources and compiled ``.qm`` catalogs."""
