"""Run a function in several OS processes at once against the test database (PostgreSQL)."""

import multiprocessing

from django.db import connection, connections


def run_in_processes(func, args_list: list[tuple], timeout: float = 60) -> list:
    """Fork one process per args tuple; each opens its own database connection. They start behind a
    barrier so they really race. Returns their results in order; re-raises a child's failure."""
    connections.close_all()  # children must not share the parent's socket
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(args_list))
    results = context.Queue()
    processes = [
        context.Process(target=_child, args=(index, func, args, barrier, results))
        for index, args in enumerate(args_list)
    ]
    for process in processes:
        process.start()
    outcomes = dict(results.get(timeout=timeout) for _ in processes)
    for process in processes:
        process.join(timeout)
    failures = [value for value in outcomes.values() if isinstance(value, BaseException)]
    if failures:
        raise failures[0]
    return [outcomes[index] for index in range(len(args_list))]


def _child(index, func, args, barrier, results):
    try:
        barrier.wait(timeout=30)
        results.put((index, func(*args)))
    except BaseException as exc:
        results.put((index, RuntimeError(f"child {index}: {exc!r}")))
    finally:
        connections.close_all()


def on_postgres() -> bool:
    return connection.vendor == "postgresql"
