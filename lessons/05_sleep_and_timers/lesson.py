# Lesson 05: sleep(delay) and timers
import asyncio


async def nap(name, delay, start):
    print(f"{name}: sleep({delay})")
    await asyncio.sleep(delay)
    now = asyncio.get_running_loop().time()
    print(f"{name}: woke at +{round(now - start, 1)}s")


def ring(fut):
    fut.set_result("ring")
    print("timer: set_result('ring') returned; the waiter has not resumed yet")


async def main():
    loop = asyncio.get_running_loop()
    start = loop.time()
    slow = asyncio.create_task(nap("slow", 0.3, start))
    fast = asyncio.create_task(nap("fast", 0.1, start))
    fut = loop.create_future()
    loop.call_later(0.2, ring, fut)
    print("main: two naps and a timer scheduled; waiting on a future")
    print("main: the future gave", await fut)
    await slow
    print(f"main: done at +{round(loop.time() - start, 1)}s; fast done:", fast.done())


asyncio.run(main())
