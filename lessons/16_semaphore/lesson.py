# Lesson 16: Semaphore
import asyncio
import math


def tenths(seconds):
    # A real timer fires a little late, never early: round down to a tenth of a second.
    return math.floor(seconds * 10 + 0.01) / 10


async def download(name, seconds, slots, start):
    loop = asyncio.get_running_loop()
    print(f"{name}: wants a slot, locked() = {slots.locked()}")
    async with slots:
        print(f"{name}: downloading at +{tenths(loop.time() - start)}s")
        await asyncio.sleep(seconds)
    print(f"{name}: gave its slot back at +{tenths(loop.time() - start)}s")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    slots = asyncio.Semaphore(2)
    tasks = []
    for name, seconds in [("a", 0.1), ("b", 0.3), ("c", 0.1), ("d", 0.2)]:
        tasks.append(asyncio.create_task(download(name, seconds, slots, start)))
    for task in tasks:
        await task
    print(f"main: all four done at +{tenths(loop.time() - start)}s, two at a time")


asyncio.run(main())
