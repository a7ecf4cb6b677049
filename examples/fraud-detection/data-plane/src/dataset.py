"""Reading the CSV files the `prepare` stage writes."""

import numpy as np


def load_split(path):
    """Features and labels of one prepared CSV file (last column is the label)."""
    table = np.loadtxt(path, delimiter=",", skiprows=1)
    return table[:, :-1], table[:, -1].astype(int)
