# Lesson 14: TaskGroup
import asyncio


async def fetch(name, seconds):
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{name}: cancelled by the group")
        raise
    print(f"{name}: done")
    return f"{name} data"


async def broken(seconds):
    await asyncio.sleep(seconds)
    print("broken: raising ValueError")
    raise ValueError("no connection")


async def main():
    async with asyncio.TaskGroup() as tg:
        a = tg.create_task(fetch("a", 0.1))
        b = tg.create_task(fetch("b", 0.2))
        print("main: the body ends here; the group waits for a and b")
    print("main: the group exited:", a.result(), "and", b.result())
    try:
        async with asyncio.TaskGroup() as tg:
            ok = tg.create_task(fetch("ok", 0.1))
            slow = tg.create_task(fetch("slow", 1))
            tg.create_task(broken(0.2))
    except* ValueError as eg:
        print("main: caught", type(eg).__name__, repr(eg.message), [str(e) for e in eg.exceptions])
    print("main: ok gave", ok.result(), "| slow cancelled:", slow.cancelled())


asyncio.run(main())
