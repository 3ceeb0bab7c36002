# programme-length
