Feature: Kiosk Shopping

  As a customer at a kiosk
  I can buy a store's items, have a bot shop them, and pay when they are ready

  Background:
    Given I am a registered customer
    And a store has the following items
      | Name              | Price |
      | Wizard w/ crystal | 9.99  |
      | Crystal ball      | 5.00  |

  Scenario: From the kiosk to a completed order
    Given I start a new basket
    And I add the items
      | Name              | Quantity |
      | Wizard w/ crystal | 1        |
      | Crystal ball      | 2        |
    And I authorize a payment of "19.99"
    When I check out the basket with my payment
    Then my order is "approved"
    And the saga of my order is "completed"
    And the search shows my order of "19.99" with the lines
      | Store    | Product           | Price | Quantity |
      | AnyStore | Wizard w/ crystal | 9.99  | 1        |
      | AnyStore | Crystal ball      | 5.00  | 2        |
    And the search shows my order as "Approved"
    And my order's shopping list is "available"
    When the bot "bot-1" is assigned my shopping list
    Then my order's shopping list is "assigned"
    When the bot completes my shopping list
    Then my order's shopping list is "completed"
    And my order is "ready"
    And the search shows my order as "Ready For Pickup"
    And my order is invoiced "19.99"
    When I pay my invoice
    Then my invoice is "paid"
    And my order is "completed"
    And the search shows my order as "Completed"
    And I am sent these notifications about my order, newest first
      | Kind            | Status |
      | order_completed | sent   |
      | order_ready     | sent   |
      | order_created   | sent   |
