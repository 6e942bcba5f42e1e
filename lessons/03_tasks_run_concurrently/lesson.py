# Lesson 03: tasks run concurrently
import asyncio


async def worker(name, steps):
    for i in range(steps):
        print(f"{name}: step {i}")
        await asyncio.sleep(0)
    print(f"{name}: done")


async def main():
    a = asyncio.create_task(worker("a", 3))
    b = asyncio.create_task(worker("b", 2))
    print("main: created a and b; neither has started")
    await asyncio.sleep(0)
    print("main: a and b ran their first step; creating late")
    late = asyncio.create_task(worker("late", 1))
    await asyncio.sleep(0)
    print("main: resumed after late's first step")
    await a
    print("main: a is done; b and late finished before it:", b.done(), late.done())


asyncio.run(main())
