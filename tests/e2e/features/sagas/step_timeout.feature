Feature: Saga step timeouts

  As a mall
  I do not let an order wait for ever on a module that does not answer: the saga step
  times out, and the saga undoes what it prepared and rejects the order

  Scenario: A payment step with no reply times out and compensates
    Given a mall without "payments" whose saga steps time out after "3" seconds
    And I am a registered customer
    And a store has the following items
      | Name              | Price |
      | Wizard w/ crystal | 9.99  |
    And I start a new basket
    And I add the items
      | Name              | Quantity |
      | Wizard w/ crystal | 1        |
    When I check out the basket with the payment "never-answered"
    Then the search shows my order as "New"
    And my order is "rejected"
    And the saga of my order is "compensated" because "confirm payment failed: no reply within 3s"
    And the saga of my order took these steps
      | Command                            | Outcome |
      | customersapi.AuthorizeCustomer     | success |
      | depotapi.CreateShoppingListCommand | success |
      | paymentsapi.ConfirmPayment         | timeout |
      | depotapi.CancelShoppingListCommand | success |
      | ordersapi.RejectOrder              | success |
    And my order's shopping list is "canceled"
    And the search shows my order as "Rejected"
