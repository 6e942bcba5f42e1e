# Lesson 01: coroutines and asyncio.run
import asyncio


async def greet(name, delay):
    print(f"{name}: start")
    await asyncio.sleep(delay)
    print(f"{name}: done after {delay}s")
    return f"hello {name}"


async def main():
    coro = greet("inline", 0.5)
    print("main: greet() returned a coroutine; its body has not run")
    result = await coro
    print("main: awaiting it ran it inside main's task:", result)
    task = asyncio.create_task(greet("task", 1.0))
    print("main: the task is scheduled, not started")
    print("main: the task finished with", await task)


asyncio.run(main())
