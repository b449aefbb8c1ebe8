Feature: Checking out baskets

  As a customer with a basket
  I can check out the items in it

  Background:
    Given I am a registered customer
    And I start a new basket

  Scenario: Checking out a basket
    Given a store has the following items
      | Name              | Price |
      | Wizard w/ crystal | 9.99  |
    And I add the items
      | Name              | Quantity |
      | Wizard w/ crystal | 1        |
    When I check out the basket with the payment "payment-1"
    Then the basket is checked out

  Scenario: Cannot check out an empty basket
    When I check out the basket with the payment "payment-1"
    Then I receive a "baskets checkout: the basket has no items" error

  Scenario: Cannot add items to a checked out basket
    Given a store has the following items
      | Name              | Price |
      | Wizard w/ crystal | 9.99  |
    And I add the items
      | Name              | Quantity |
      | Wizard w/ crystal | 1        |
    And I check out the basket with the payment "payment-1"
    When I add the items
      | Name              | Quantity |
      | Wizard w/ crystal | 1        |
    Then I receive a "the basket cannot be modified" error
