# Lesson 08: awaitables
import asyncio


async def double(x):
    await asyncio.sleep(0.1)
    return 2 * x


class Countdown:
    def __init__(self, start):
        self.start = start

    def __await__(self):
        for n in range(self.start, 0, -1):
            print(f"countdown: {n}")
            yield
        return "liftoff"


class Parcel:
    def __init__(self, loop):
        self.fut = loop.create_future()
        loop.call_later(0.1, self.fut.set_result, "a parcel")

    def __await__(self):
        print("Parcel.__await__: waiting on its future")
        return (yield from self.fut)


async def bystander():
    print("bystander: ran while main was counting down")


async def main():
    loop = asyncio.get_running_loop()
    print("main: a coroutine gave", await double(1))
    task = asyncio.create_task(double(2))
    print("main: a task gave", await task)
    fut = loop.create_future()
    loop.call_soon(fut.set_result, 6)
    print("main: a future gave", await fut)
    asyncio.create_task(bystander())
    print("main: Countdown(3) gave", await Countdown(3))
    print("main: Parcel gave", await Parcel(loop))


asyncio.run(main())
