# Lesson 11: cancellation
import asyncio


async def worker(name):
    print(f"{name}: sleep(10)")
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{name}: CancelledError raised at the await; re-raising")
        raise
    finally:
        print(f"{name}: finally runs")


async def main():
    task = asyncio.create_task(worker("task"))
    await asyncio.sleep(0.1)
    print(f"main: cancel() -> {task.cancel()}, only a request: done() = {task.done()}")
    try:
        await task
    except asyncio.CancelledError:
        print("main: await task raised CancelledError; cancelled() =", task.cancelled())
    try:
        await asyncio.wait_for(worker("slow"), timeout=0.2)
    except TimeoutError:
        print("main: wait_for raised TimeoutError, after slow's cleanup")


asyncio.run(main())
