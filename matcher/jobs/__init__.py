"""Background jobs: long work and mail, queued with the change that needs them.

``runner`` queues a job by name in the caller's transaction and hands it over once
that transaction commits (a rolled-back change starts nothing), to one of three
runners the configuration picks: RQ workers on Redis, a thread of the one process
(the embedded default), or inline after the commit (tests). ``tasks`` holds the
jobs themselves; each takes plain arguments (ids), may run twice, and raises to be
retried with back-off. ``health`` says how the queue and the mail are doing.
"""
