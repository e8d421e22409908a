"""Orders after checkout, in the Temporal UI: the three orders of issue 25, made through the HTTP API, read the
same in the UI as the API reports them.

- "shipped": two lines shipped in two parts (two ShipmentWorkflow children), both delivered: DELIVERED;
- "cancelled": cancelled by the shopper before shipment, refunded in full: CANCELLED;
- "returned": delivered, one line of two returned and refunded: DELIVERED, payment PARTIALLY_REFUNDED.

Each order's workflow (order-<orderId>) carries OrderId and OrderStatus; ops search them in the UI's query box.
"""

import time
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from test_temporal_ui import NAMESPACE, SETTLE_S, screenshot, search

SHOPPER = "grace"
ADDRESS = {"name": "Grace Hopper", "line1": "2 Compiler Way", "city": "London", "postalCode": "N1 9GU",
           "country": "GB"}


@pytest.fixture(scope="session")
def orders(dev_stack):
    shopper = dev_stack.token(SHOPPER, ["shopper"])
    ops = dev_stack.token("ops2", ["ops"])
    _, listing = dev_stack.request("GET", "/api/products?inStock=true&size=M&pageSize=50")
    products = [p for p in listing["items"] if any(s["size"] == "M" and s["stock"] >= 3 for s in p["sizes"])][:2]
    assert len(products) == 2, listing

    def place(key):
        _, started = dev_stack.request("POST", "/api/checkouts", {
            "items": [{"productId": p["id"], "size": "M", "quantity": 1} for p in products],
            "paymentMethod": "pm_card_visa", "shippingAddress": ADDRESS,
        }, shopper, {"Idempotency-Key": key})
        checkout = settle(lambda: dev_stack.request("GET", f"/api/checkouts/{started['checkoutId']}",
                                                    token=shopper)[1], "status", "COMPLETED")
        return dev_stack.request("GET", f"/api/orders/{checkout['orderId']}", token=shopper)[1]

    def ship(order, lines):
        _, shipment = dev_stack.request("POST", f"/api/ops/orders/{order['orderId']}/shipments",
                                        {"lineIds": [line["lineId"] for line in lines]}, ops)
        for step in ("LABEL_CREATED", "SHIPPED", "DELIVERED"):
            dev_stack.request("POST", f"/api/ops/orders/{order['orderId']}/shipments/{shipment['shipmentId']}/events",
                              {"step": step, "carrier": "UPS", "trackingNumber": "1Z999AA10123456784"}, ops)

    def read(order):
        return dev_stack.request("GET", f"/api/orders/{order['orderId']}", token=shopper)[1]

    shipped = place("grace-order-2001")
    ship(shipped, shipped["lines"][:1])
    ship(shipped, shipped["lines"][1:])

    cancelled = place("grace-order-2002")
    dev_stack.request("POST", f"/api/orders/{cancelled['orderId']}/cancel", {}, shopper)

    returned = place("grace-order-2003")
    ship(returned, returned["lines"])
    settle(lambda: read(returned), "status", "DELIVERED")
    _, asked = dev_stack.request("POST", "/api/returns", {"orderId": returned["orderId"],
                                                         "lineId": returned["lines"][1]["lineId"],
                                                         "reason": "TOO_SMALL"}, shopper)
    dev_stack.request("POST", f"/api/ops/returns/{asked['returnId']}/receipt", {"condition": "RESELLABLE"}, ops)

    made = {
        "shipped": settle(lambda: read(shipped), "status", "DELIVERED"),
        "cancelled": settle(lambda: read(cancelled), "status", "CANCELLED"),
        "returned": settle(lambda: read(returned), "paymentStatus", "PARTIALLY_REFUNDED"),
    }
    assert made["cancelled"]["paymentStatus"] == "REFUNDED", made["cancelled"]
    assert made["returned"]["status"] == "DELIVERED", made["returned"]
    assert Decimal(made["returned"]["refundedAmount"]) == Decimal(made["returned"]["lines"][1]["unitPrice"]), made
    return made


def settle(read, field, value):
    deadline = time.monotonic() + SETTLE_S
    while True:
        body = read()
        if body[field] == value:
            return body
        assert time.monotonic() < deadline, f"{field} is {body[field]}, not {value}, after {SETTLE_S} s: {body}"
        time.sleep(0.5)


def await_in_ui(page, ui, query, link):
    """Searches until the UI lists the workflow: visibility follows each status change within moments."""
    deadline = time.monotonic() + SETTLE_S
    while True:
        search(page, ui, query)
        try:
            expect(link).to_be_visible(timeout=2000)
            return
        except AssertionError:
            assert time.monotonic() < deadline, f"{query} does not list it after {SETTLE_S} s"


def order_link(page, order):
    return page.get_by_role("link", name=f"order-{order['orderId']}", exact=True)


def test_each_order_reads_in_the_ui_with_the_status_the_api_reports(dev_stack, orders, page, screenshots):
    for name, order in orders.items():
        await_in_ui(page, dev_stack.ui, f'OrderId="{order["orderId"]}" AND OrderStatus="{order["status"]}"',
                    order_link(page, order))
        others = [o for n, o in orders.items() if n != name]
        for other in others:
            expect(order_link(page, other)).to_have_count(0)

    search(page, dev_stack.ui, 'WorkflowType="OrderWorkflow" AND OrderStatus="CANCELLED"')
    expect(order_link(page, orders["cancelled"])).to_be_visible()
    expect(order_link(page, orders["shipped"])).to_have_count(0)
    expect(order_link(page, orders["returned"])).to_have_count(0)
    screenshot(page, screenshots / "temporal-ui-orders-cancelled.png")


def test_an_order_shipped_in_two_parts_shows_its_two_shipments(dev_stack, orders, page, screenshots):
    shipped = orders["shipped"]
    search(page, dev_stack.ui, f'OrderId="{shipped["orderId"]}"')
    order_link(page, shipped).click()
    heading = page.get_by_test_id("workflow-id-heading")
    expect(heading).to_contain_text(f"order-{shipped['orderId']}")
    # Still running: the return window is open; each shipment is a child workflow of the order.
    expect(heading.locator("xpath=../..")).to_contain_text("Running")
    expect(page.get_by_text("ShipmentWorkflow", exact=True).first).to_be_visible()
    screenshot(page, screenshots / "temporal-ui-order-history.png", height=1250)

    search(page, dev_stack.ui, f'WorkflowType="ShipmentWorkflow" AND OrderId="{shipped["orderId"]}"')
    expect(page.get_by_role("link", name=f"order-{shipped['orderId']}-shipment-", exact=False)).to_have_count(2)
