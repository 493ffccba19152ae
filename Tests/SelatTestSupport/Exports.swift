// The seeded generator lives in SelatGeo; tests reach it through the support target.
@_exported import struct SelatGeo.SeededGenerator
