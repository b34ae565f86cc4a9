"""scikit-learn's LogisticRegression on the split our trainer uses, for `cargo xtask
proof-bench`: reads train.csv and test.csv (outcome, then the encoded features, written
by xtask's proof-native), fits `runs` times, prints one `proof: {json}` line with the
median fit time and the held-out AUC."""

import json
import statistics
import sys
import time

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score


def load(path):
    data = np.loadtxt(path, delimiter=",", ndmin=2)
    return data[:, 1:], data[:, 0].astype(int)


def main():
    out, runs, l2 = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    x_train, y_train = load(f"{out}/train.csv")
    x_test, y_test = load(f"{out}/test.csv")
    # Ours minimises the mean log-loss plus l2/2 * |w|^2 (intercept unpenalised);
    # scikit-learn minimises C * (log-loss sum) + 1/2 * |w|^2, the same objective
    # scaled when C = 1 / (l2 * rows).
    c = 1.0 / (l2 * x_train.shape[0])
    times = []
    model = None
    for _ in range(runs):
        start = time.perf_counter()
        model = LogisticRegression(C=c, max_iter=1000).fit(x_train, y_train)
        times.append((time.perf_counter() - start) * 1e3)
    auc = roc_auc_score(y_test, model.predict_proba(x_test)[:, 1])
    print("proof: " + json.dumps({
        "figure": "training_sklearn",
        "sklearn": sklearn.__version__,
        "numpy": np.__version__,
        "python": sys.version.split()[0],
        "solver": model.solver,
        "iterations": int(model.n_iter_[0]),
        "train_rows": int(x_train.shape[0]),
        "fit_median_ms": statistics.median(times),
        "auc": auc,
    }))


if __name__ == "__main__":
    main()
