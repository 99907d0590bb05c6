"""Running rules and scoring their outcomes: run (policy-independent), score, path, diff, trend.

    result = run(profile, pack)            # every rule's outcome, once
    assessment = score(result, policy)     # as often as you like, under any policy
    evaluate(profile, pack, policy=...)    # the two together
"""
