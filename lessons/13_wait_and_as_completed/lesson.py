# Lesson 13: wait and as_completed
import asyncio


async def job(name, seconds):
    await asyncio.sleep(seconds)
    print(f"{name}: finished after {seconds}s")
    return name


def names(tasks):
    return sorted(task.get_name() for task in tasks)


async def main():
    tasks = []
    for name, seconds in [("slow", 0.3), ("fast", 0.1), ("mid", 0.2)]:
        tasks.append(asyncio.create_task(job(name, seconds), name=name))
    done, pending = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
    print("main: FIRST_COMPLETED: done", names(done), "pending", names(pending))
    done, pending = await asyncio.wait(tasks, timeout=0.15)
    print("main: timeout=0.15: done", names(done), "pending", names(pending))
    done, pending = await asyncio.wait(tasks)
    print("main: ALL_COMPLETED: done", names(done), "pending", names(pending))
    others = []
    for name, seconds in [("c", 0.3), ("a", 0.1), ("b", 0.2)]:
        others.append(asyncio.create_task(job(name, seconds)))
    for next_done in asyncio.as_completed(others):
        print("main: as_completed gave", await next_done)


asyncio.run(main())
