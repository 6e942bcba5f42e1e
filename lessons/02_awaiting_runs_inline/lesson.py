# Lesson 02: awaiting a coroutine runs it inline
import asyncio
import math


def tenths(seconds):
    # A real timer fires a little late, never early: round down to a tenth of a second.
    return math.floor(seconds * 10 + 0.01) / 10


async def brew(drink, seconds):
    print(f"{drink}: brewing in {asyncio.current_task().get_name()}")
    await asyncio.sleep(seconds)
    print(f"{drink}: ready after {seconds}s")
    return f"a cup of {drink}"


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    print("main: running in", asyncio.current_task().get_name())
    coffee = await brew("coffee", 0.3)
    print(f"main: got {coffee} at +{tenths(loop.time() - start)}s")
    tea = await brew("tea", 0.2)
    print(f"main: got {tea} at +{tenths(loop.time() - start)}s: the two waits add up")


asyncio.run(main())
