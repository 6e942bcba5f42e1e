# Lesson 10: exceptions in tasks
import asyncio


async def parse(text):
    await asyncio.sleep(0.1)
    if not text.isdigit():
        raise ValueError(f"not a number: {text!r}")
    return int(text)


async def load(text):
    print(f"load: parsing {text!r}")
    value = await parse(text)
    print(f"load: parsed {value}")
    return value


def handler(loop, context):
    print("handler:", context["message"], "|", repr(context["exception"]))


async def main():
    asyncio.get_running_loop().set_exception_handler(handler)
    print("main: load('42') gave", await load("42"))
    try:
        await load("x")
    except ValueError as e:
        print("main: the error came up through parse and load:", repr(e))
    task = asyncio.create_task(load("y"))
    await asyncio.sleep(0.2)
    print("main: the task failed on its own; done() =", task.done())
    try:
        await task
    except ValueError as e:
        print("main: await task raised it again:", repr(e))
    forgotten = asyncio.create_task(load("z"))
    await asyncio.sleep(0.2)
    print("main: dropping the only reference to a failed task nobody awaited")
    del forgotten
    print("main: done")


asyncio.run(main())
