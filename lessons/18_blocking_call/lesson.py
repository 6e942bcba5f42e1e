# Lesson 18: the blocking-call pitfall
import asyncio
import time


async def ticker(ticks, count):
    for i in range(count):
        ticks.append(time.monotonic())
        print(f"ticker: tick {i}")
        await asyncio.sleep(0.1)


async def main():
    ticks = []
    task = asyncio.create_task(ticker(ticks, 3))
    await asyncio.sleep(0)
    print("main: time.sleep(0.5), a blocking call")
    time.sleep(0.5)
    print("main: woke; ticks while main blocked the loop:", len(ticks) - 1)
    await task
    print("main: tick 1 came at least 0.5s after tick 0:", ticks[1] - ticks[0] >= 0.5)
    ticks.clear()
    task = asyncio.create_task(ticker(ticks, 3))
    print("main: await asyncio.sleep(0.35), which lets the loop run")
    await asyncio.sleep(0.35)
    print("main: woke; ticks while main awaited:", len(ticks))
    await task


asyncio.run(main())
