# Lesson 07: futures
import asyncio


def deliver(fut, parcel):
    print(f"courier: set_result({parcel!r})")
    fut.set_result(parcel)
    print(f"courier: done() = {fut.done()}, and the waiter has not resumed yet")


async def receive(fut):
    print("receiver: awaiting the future")
    parcel = await fut
    print(f"receiver: resumed with {parcel!r}")


async def main():
    loop = asyncio.get_running_loop()
    fut = loop.create_future()
    print("main: a new future, done() =", fut.done())
    receiver = asyncio.create_task(receive(fut))
    loop.call_soon(deliver, fut, "books")
    await receiver
    print("main: result() =", repr(fut.result()))
    print("main: awaiting a done future returns at once:", repr(await fut))
    try:
        fut.set_result("more books")
    except asyncio.InvalidStateError as e:
        print("main: a second set_result raised InvalidStateError:", e)


asyncio.run(main())
