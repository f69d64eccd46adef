"""The production package: files a factory makes a product from.

``assemble`` builds every file of a package in memory from a design and its
parts; ``designer.production.export_package`` is the entry point that
writes them. The other modules each build one kind of file or section.
"""
