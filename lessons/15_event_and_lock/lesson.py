# Lesson 15: Event and Lock
import asyncio


async def runner(name, start):
    print(f"{name}: waiting for the start signal")
    await start.wait()
    print(f"{name}: off")


async def customer(name, lock):
    print(f"{name}: queues for the lock")
    async with lock:
        print(f"{name}: holds the lock")
        await asyncio.sleep(0.1)
        print(f"{name}: releases the lock")


async def main():
    start = asyncio.Event()
    r1 = asyncio.create_task(runner("r1", start))
    r2 = asyncio.create_task(runner("r2", start))
    await asyncio.sleep(0)
    start.set()
    print("main: set() returned; the runners resume in the next iteration")
    await r1
    await r2
    lock = asyncio.Lock()
    await lock.acquire()
    print("main: holds the lock")
    a = asyncio.create_task(customer("A", lock))
    b = asyncio.create_task(customer("B", lock))
    await asyncio.sleep(0)
    lock.release()
    print("main: released it; locked() =", lock.locked(), "but A has been promised it")
    await lock.acquire()
    print("main: got the lock again only after A and B")
    lock.release()
    await a
    await b


asyncio.run(main())
