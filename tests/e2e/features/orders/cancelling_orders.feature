Feature: Cancelling orders

  As a customer
  I can cancel my order until it is completed, and what was prepared for it is canceled too

  Background:
    Given I am a registered customer
    And a store has the following items
      | Name              | Price |
      | Wizard w/ crystal | 9.99  |
    And I start a new basket
    And I add the items
      | Name              | Quantity |
      | Wizard w/ crystal | 1        |
    And I authorize a payment of "9.99"
    And I check out the basket with my payment
    And my order is "approved"

  Scenario: Cancelling an approved order cancels its shopping list and its invoice
    When I cancel my order
    Then my order is "cancelled"
    And my order's shopping list is "canceled"
    And my invoice is "canceled"
    And the search shows my order as "Canceled"
    And I am sent these notifications about my order, newest first
      | Kind           | Status |
      | order_canceled | sent   |
      | order_created  | sent   |

  Scenario: Cancelling a ready order cancels its invoice
    Given the bot "bot-1" is assigned my shopping list
    And the bot completes my shopping list
    And my order is "ready"
    And my order is invoiced "9.99"
    When I cancel my order
    Then my order is "cancelled"
    And my invoice is "canceled"
    And my order's shopping list is "completed"
    And the search shows my order as "Canceled"

  Scenario: A completed order cannot be cancelled
    Given the bot "bot-1" is assigned my shopping list
    And the bot completes my shopping list
    And my order is invoiced "9.99"
    And I pay my invoice
    And my order is "completed"
    When I cancel my order
    Then I receive a "the order cannot be cancelled" error
