print("national dataset generator: not yet written")
