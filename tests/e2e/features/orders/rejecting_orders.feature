Feature: Rejecting orders

  As a mall
  I reject an order the create-order saga cannot carry out, and undo what it prepared

  Background:
    Given I am a registered customer
    And a store has the following items
      | Name              | Price |
      | Wizard w/ crystal | 9.99  |
    And I start a new basket
    And I add the items
      | Name              | Quantity |
      | Wizard w/ crystal | 2        |

  Scenario: The order of a disabled customer is rejected
    Given I authorize a payment of "19.98"
    And my account is disabled
    When I check out the basket with my payment
    Then my order is "rejected"
    And the saga of my order is "compensated" because "authorize customer failed: customer is not authorized"
    And my order has no shopping list
    And the search shows my order as "Rejected"

  Scenario: An order paid with an unknown payment is rejected
    When I check out the basket with the payment "no-such-payment"
    Then my order is "rejected"
    And the saga of my order is "compensated" because "confirm payment failed: payment cannot be confirmed"
    And my order's shopping list is "canceled"
    And the search shows my order as "Rejected"

  Scenario: An order the payment does not cover is rejected
    Given I authorize a payment of "19.97"
    When I check out the basket with my payment
    Then my order is "rejected"
    And the saga of my order is "compensated" because "confirm payment failed: payment cannot be confirmed"
    And my order's shopping list is "canceled"
    And the search shows my order as "Rejected"
