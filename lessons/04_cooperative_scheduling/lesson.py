# Lesson 04: cooperative scheduling
import asyncio


async def polite(name, turns):
    for turn in range(turns):
        print(f"{name}: turn {turn}, then sleep(0)")
        await asyncio.sleep(0)
    print(f"{name}: finished")


async def greedy(name, turns):
    for turn in range(turns):
        print(f"{name}: turn {turn}, never yielding")
    print(f"{name}: finished")


async def main():
    a = asyncio.create_task(polite("a", 3))
    g = asyncio.create_task(greedy("g", 3))
    c = asyncio.create_task(polite("c", 2))
    print("main: a, g and c are in the ready queue; main awaits a")
    await a
    print("main: a is done; g and c finished before it:", g.done(), c.done())


asyncio.run(main())
