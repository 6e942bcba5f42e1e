# Lesson 12: timeouts
import asyncio


async def download(name, seconds):
    print(f"{name}: downloading for {seconds}s")
    try:
        await asyncio.sleep(seconds)
    except asyncio.CancelledError:
        print(f"{name}: cancelled, cleaning up")
        raise
    print(f"{name}: finished")
    return f"{name} data"


async def main():
    print("main: got", await asyncio.wait_for(download("small", 0.1), timeout=0.5))
    try:
        await asyncio.wait_for(download("big", 1.5), timeout=0.5)
    except TimeoutError:
        print("main: wait_for raised TimeoutError, after big's cleanup")
    try:
        async with asyncio.timeout(0.3):
            await download("first", 0.2)
            await download("second", 0.2)
    except TimeoutError:
        print("main: the timeout block raised TimeoutError: one budget for both downloads")


asyncio.run(main())
