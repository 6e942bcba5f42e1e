# Lesson 16: Semaphore
import asyncio


async def download(name, seconds, slots, start):
    loop = asyncio.get_running_loop()
    print(f"{name}: wants a slot, locked() = {slots.locked()}")
    async with slots:
        print(f"{name}: downloading at +{round(loop.time() - start, 1)}s")
        await asyncio.sleep(seconds)
    print(f"{name}: gave its slot back at +{round(loop.time() - start, 1)}s")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    slots = asyncio.Semaphore(2)
    tasks = []
    for name, seconds in [("a", 0.1), ("b", 0.3), ("c", 0.1), ("d", 0.2)]:
        tasks.append(asyncio.create_task(download(name, seconds, slots, start)))
    for task in tasks:
        await task
    print(f"main: all four done at +{round(loop.time() - start, 1)}s, two at a time")


asyncio.run(main())
