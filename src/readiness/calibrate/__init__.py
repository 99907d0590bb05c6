"""Calibration: fit the numbers of a scoring policy to published CQC scores, judged by
leave-one-council-out cross-validation (docs/calibration.md).

    cases = load_cases("calibration/")          # scores.csv + profiles/<case>.yaml
    report = calibrate(cases)                   # runs each profile once, then fits and cross-validates
    report.cv.exact, report.policy              # the cross-validated figures, the policy fitted on all cases
"""

from .cases import Case, CalibrationError, load_cases
from .fit import CalibrationReport, calibrate

__all__ = ["Case", "CalibrationError", "CalibrationReport", "calibrate", "load_cases"]
