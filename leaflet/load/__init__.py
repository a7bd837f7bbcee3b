"""Step 1 of the pipeline: read a file into a tree of positioned nodes, refusing YAML's unsafe parts."""

from leaflet.load.strict_yaml import Mapping, Node, Scalar, Sequence, SourceFile, read_yaml

__all__ = ["Mapping", "Node", "Scalar", "Sequence", "SourceFile", "read_yaml"]
