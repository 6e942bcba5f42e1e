# Lesson 19: deadlock
import asyncio


async def worker(name, mine, theirs):
    async with mine:
        print(f"{name}: holds its own lock and wants the other one")
        await asyncio.sleep(0)
        async with theirs:
            print(f"{name}: never gets here")


def names(tasks):
    return sorted(task.get_name() for task in tasks)


async def main():
    lock_a = asyncio.Lock()
    lock_b = asyncio.Lock()
    a = asyncio.create_task(worker("a", lock_a, lock_b), name="a")
    b = asyncio.create_task(worker("b", lock_b, lock_a), name="b")
    done, pending = await asyncio.wait([a, b], timeout=1)
    print("main: after 1s, done", names(done), "pending", names(pending))
    print("main: a waits for lock_b, held by b; b waits for lock_a, held by a")
    a.cancel()
    b.cancel()
    await asyncio.wait([a, b])
    print("main: cancelled both; locked:", lock_a.locked(), lock_b.locked())


asyncio.run(main())
