# Lesson 17: Queue
import asyncio


async def producer(queue, count):
    for item in range(count):
        print(f"producer: put({item}), qsize() = {queue.qsize()}, full() = {queue.full()}")
        await queue.put(item)
    print("producer: all items put")


async def consumer(name, queue):
    while True:
        item = await queue.get()
        print(f"{name}: got {item}")
        await asyncio.sleep(0)
        queue.task_done()


async def main():
    queue = asyncio.Queue(maxsize=2)
    c1 = asyncio.create_task(consumer("c1", queue))
    c2 = asyncio.create_task(consumer("c2", queue))
    await producer(queue, 5)
    print("main: join() waits until every item is done")
    await queue.join()
    print("main: join() returned; qsize() =", queue.qsize())
    c1.cancel()
    c2.cancel()
    for consumer_task in (c1, c2):
        try:
            await consumer_task
        except asyncio.CancelledError:
            print("main: a consumer was cancelled")


asyncio.run(main())
