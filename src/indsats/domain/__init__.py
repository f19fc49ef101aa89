"""The vocabulary of the employment effort: municipalities, benefits, target groups, offers, CPR.

Plain Python; never imports Django.
"""
